namespace MailCheck.Web.Safety;

/// <summary>
/// The headers every response carries (pages, API, static files, errors). The policy allows what Blazor Server and
/// MudBlazor need and nothing more: scripts only from this origin — the pages carry no inline script at all (App.razor
/// renders no import map), so there is no <c>'unsafe-inline'</c>, no hash and no eval; styles from this origin plus
/// inline styles (MudBlazor writes its theme as a <c>&lt;style&gt;</c> element and positions popovers with style
/// attributes); the circuit's WebSocket to this origin (<c>'self'</c> covers ws: and wss: of the same host in current
/// browsers); images from this origin and <c>data:</c> URLs; no framing, no plugins, no foreign base URL or form target.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// Sets the headers when the response starts. They replace any set downstream: Blazor's own
    /// <c>frame-ancestors 'self'</c> policy on component pages is weaker than this one.
    /// </summary>
    public static IApplicationBuilder UseMailCheckSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
