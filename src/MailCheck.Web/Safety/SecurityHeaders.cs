using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Safety;

/// <summary>
/// The headers every response carries (pages, API, static files, errors). The policy allows what Blazor Server and
/// MudBlazor need and nothing more: scripts only from this origin, plus the one inline script Blazor writes (the
/// <c>&lt;script type="importmap"&gt;</c> of <c>&lt;ImportMap /&gt;</c>) by its SHA-256 hash, computed from the page
/// endpoint's import map — no <c>'unsafe-inline'</c> script, no eval; styles from this origin plus inline styles
/// (MudBlazor writes its theme as a <c>&lt;style&gt;</c> element and positions popovers with style attributes); the
/// circuit's WebSocket to this origin (<c>'self'</c> covers ws: and wss: of the same host in current browsers);
/// images from this origin and <c>data:</c> URLs; no framing, no plugins, no foreign base URL or form target.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static readonly Lock HashLock = new();
    private static (ImportMapDefinition? Map, string? Hash) _lastHash;

    /// <summary>The policy for a response: <see cref="ContentSecurityPolicy"/>, with the page's import map allowed by hash.</summary>
    public static string PolicyFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        return map is null
            ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' '{ImportMapHash(map)}'", StringComparison.Ordinal);
    }

    /// <summary>"sha256-..." of the import map exactly as <c>&lt;ImportMap /&gt;</c> writes it (its <c>ToString()</c>).</summary>
    public static string ImportMapHash(ImportMapDefinition map)
    {
        ArgumentNullException.ThrowIfNull(map);
        lock (HashLock)
        {
            if (ReferenceEquals(_lastHash.Map, map))
            {
                return _lastHash.Hash!;
            }
        }

        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString())));
        lock (HashLock)
        {
            _lastHash = (map, hash);
        }

        return hash;
    }

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
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(http);
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
