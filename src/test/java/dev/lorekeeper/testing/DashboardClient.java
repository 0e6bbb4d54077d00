package dev.lorekeeper.testing;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeUser;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen for the dashboard: keeps cookies, follows no redirect by itself, and logs in the way a
 * person does (the bot's login link, the double's consent page, the callback).
 */
public final class DashboardClient {
    private static final Pattern HIDDEN = Pattern.compile("name=\"([a-z_]+)\" value=\"([^\"]*)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String webUrl;
    private final DiscordDouble discord;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public DashboardClient(TestBot bot) {
        this(bot.webUrl(), bot.discord);
    }

    /** For a bot started some other way: its web address and the double it logs in through. */
    public DashboardClient(String webUrl, DiscordDouble discord) {
        this.webUrl = webUrl;
        this.discord = discord;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in as {@code user}; returns the callback URL that was used (for replay tests). */
    public String logIn(FakeUser user) {
        String callback = startLogin(user);
        HttpResponse<String> done = get(callback);
        if (done.statusCode() != 302) {
            throw new IllegalStateException("login failed: " + done.statusCode() + " " + done.body());
        }
        return callback;
    }

    /** Up to Discord's redirect back to the bot: the callback URL with code and state, not yet opened. */
    public String startLogin(FakeUser user) {
        HttpResponse<String> toDiscord = get(webUrl + "/auth/login");
        String authorize = toDiscord.headers().firstValue("Location").orElseThrow();
        discord.signInAs(user);
        HttpResponse<String> consent = get(authorize);
        Matcher m = HIDDEN.matcher(consent.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("decision", "allow");
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        HttpResponse<String> back = post(discord.oauthBaseUrl() + "/oauth2/authorize", form);
        return back.headers().firstValue("Location").orElseThrow();
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(absolute(url))).GET().build());
    }

    /** A GET whose body is bytes (an image). */
    public HttpResponse<byte[]> getBytes(String url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(absolute(url))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET carrying a cookie this client never received (a stolen or replayed one). */
    public HttpResponse<String> getWithCookie(String url, String name, String value) {
        return send(HttpRequest.newBuilder(URI.create(absolute(url)))
                .header("Cookie", name + "=" + value)
                .GET()
                .build());
    }

    public HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(absolute(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The CSRF token in a page's forms. */
    public static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private String absolute(String url) {
        return url.startsWith("http") ? url : webUrl + url;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
