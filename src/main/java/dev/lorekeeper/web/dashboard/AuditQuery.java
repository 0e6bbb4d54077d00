package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.gate.RoleChangeLog;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The audit page's filters as the query string gives them; what does not parse does not filter. */
public record AuditQuery(String member, String role, String direction, String from, String to, int page, boolean csv) {
    static AuditQuery from(Context ctx) {
        return new AuditQuery(
                trim(ctx.queryParam("member")),
                trim(ctx.queryParam("role")),
                trim(ctx.queryParam("direction")),
                trim(ctx.queryParam("from")),
                trim(ctx.queryParam("to")),
                Math.max(0, Math.min(100_000, number(ctx.queryParam("page")))),
                "csv".equals(ctx.queryParam("format")));
    }

    RoleChangeLog.Filter filter() {
        return new RoleChangeLog.Filter(
                id(member),
                id(role),
                direction.equals("given") ? Boolean.TRUE : direction.equals("taken") ? Boolean.FALSE : null,
                day(from) == null ? null : day(from).atStartOfDay().toInstant(ZoneOffset.UTC),
                day(to) == null ? null : day(to).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** The query string of this filter on another page, for the pager and the CSV link. */
    public String link(int toPage, boolean asCsv) {
        return "?member=" + enc(member) + "&role=" + enc(role) + "&direction=" + enc(direction) + "&from=" + enc(from)
                + "&to=" + enc(to) + (asCsv ? "&format=csv" : "&page=" + toPage);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long id(String s) {
        return s.matches("\\d{1,20}") ? Long.parseUnsignedLong(s) : null;
    }

    private static LocalDate day(String s) {
        try {
            return s.isEmpty() ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
