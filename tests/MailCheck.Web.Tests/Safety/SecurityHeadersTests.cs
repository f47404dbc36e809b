using System.Net;
using System.Text.RegularExpressions;
using MailCheck.Web.Safety;
using MailCheck.Web.Tests.Api;

namespace MailCheck.Web.Tests.Safety;

public sealed class SecurityHeadersTests
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : null;

        var csp = Header("Content-Security-Policy") ?? "";
        Assert.True(csp == SecurityHeaders.ContentSecurityPolicy, $"{what}: CSP is {csp}");
        Assert.True(Header("X-Frame-Options") == "DENY", $"{what}: X-Frame-Options");
        Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options");
        Assert.True(Header("Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy");
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/checks", HttpStatusCode.OK)]
    [InlineData("/api/checks", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/robots.txt", HttpStatusCode.OK)]
    [InlineData("/checks/AAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound)]
    [InlineData("/api/checks/AAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound)]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response, path);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/checks")]
    public async Task Get_Page_HasNoInlineScriptAndPolicyAllowsOnlySameOriginScripts(string path)
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var scripts = Regex.Matches(html, "<script(?<attributes>[^>]*)>", RegexOptions.Singleline);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, m => Assert.Contains("src=", m.Groups["attributes"].Value, StringComparison.Ordinal));
        Assert.DoesNotMatch(new Regex(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase), html);
        var scriptSrc = response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
    }

    [Fact]
    public async Task Get_Api_PolicyHasNoScriptHash()
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/checks");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Post_RefusedRequest_CarriesTheSecurityHeaders()
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("""{"domain":"example.com","from":"a@b.c>\r\nRCPT TO:<x@y.z>"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response, "POST /api/checks");
    }

    [Fact]
    public void ContentSecurityPolicy_AllowsNoInlineOrEvaluatedScriptAndNoFraming()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);

        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
    }

    [Fact]
    public async Task Get_RobotsTxt_DisallowsResultPages()
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/robots.txt");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /checks/", lines);
    }

    [Fact]
    public async Task Get_RobotsTxtUnderPathBase_DisallowsResultPagesUnderThePathBase()
    {
        await using var factory = new SafetyWebFactory();
        factory.Settings["MailCheck:PathBase"] = "/mailcheck";
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/mailcheck/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("Disallow: /mailcheck/checks/", lines);
    }
}
