namespace MailCheck.Web.Api;

/// <summary>
/// Absolute links as the outside world sees them: scheme, host and path base come from the request after the
/// forwarded-headers and path-base middleware (so from known proxies only).
/// </summary>
public static class PublicLinks
{
    public static string Base(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    public static string CheckPage(HttpRequest request, string id) => $"{Base(request)}/checks/{Uri.EscapeDataString(id)}";

    public static string CheckResource(HttpRequest request, string id) => $"{Base(request)}/api/checks/{Uri.EscapeDataString(id)}";
}
