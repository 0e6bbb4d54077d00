package dev.lorekeeper.web.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The dashboard's templates, compiled into classes at build time (src/main/jte, by the jte Maven plugin): no template
 * is parsed at run time, and every {@code ${value}} is HTML-escaped for the context it sits in.
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {}

    static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
