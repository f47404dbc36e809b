namespace MailCheck.Web.Safety;

/// <summary>
/// <c>/robots.txt</c>: result pages and their API twins are not for search engines (a result link is shared on
/// purpose, not published). The paths carry the path base, so a MailCheck under <c>/mailcheck/</c> says
/// <c>Disallow: /mailcheck/checks/</c>.
/// </summary>
public static class RobotsTxt
{
    public static string For(PathString pathBase) =>
        $"User-agent: *\nDisallow: {pathBase}/checks/\nDisallow: {pathBase}/api/\n";

    public static IEndpointRouteBuilder MapMailCheckRobots(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/robots.txt", (HttpContext http) => TypedResults.Text(For(http.Request.PathBase), "text/plain; charset=utf-8"))
            .ExcludeFromDescription();
        return endpoints;
    }
}
