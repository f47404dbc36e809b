using System.Net;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

public sealed class ReverseProxyTests
{
    private static HttpRequestMessage ForwardedPost(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"domain":"example.com","mode":"connect"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "mail.example.org");
        request.Headers.Add("X-Forwarded-Prefix", "/tools");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }

    [Fact]
    public async Task Post_FromKnownProxy_LinksUsePublicSchemeHostAndPrefix()
    {
        await using var factory = new MailCheckWebFactory { RemoteIp = IPAddress.Parse("10.1.2.3") };
        factory.Settings["MailCheck:ReverseProxy:KnownProxies:0"] = "10.1.2.3";
        using var client = factory.CreateClient();

        var response = await client.SendAsync(ForwardedPost("/api/checks"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetString();
        Assert.Equal(new Uri($"https://mail.example.org/tools/api/checks/{id}"), response.Headers.Location);
        Assert.Equal($"https://mail.example.org/tools/checks/{id}", body.GetProperty("url").GetString());
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }

    [Fact]
    public async Task Post_FromUnknownAddress_ForwardedHeadersAreIgnored()
    {
        await using var factory = new MailCheckWebFactory { RemoteIp = IPAddress.Parse("10.9.9.9") };
        factory.Settings["MailCheck:ReverseProxy:KnownNetworks:0"] = "10.1.0.0/16";
        using var client = factory.CreateClient();

        var response = await client.SendAsync(ForwardedPost("/api/checks"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("http://localhost/api/checks/", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }

    [Fact]
    public async Task PathBase_Configured_PagesAndLinksCarryIt()
    {
        await using var factory = new MailCheckWebFactory();
        factory.Settings["MailCheck:PathBase"] = "/mailcheck";
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("""{"domain":"example.com"}""", "/mailcheck/api/checks");
        var id = (await response.JsonAsync()).GetProperty("id").GetString();
        var page = await client.GetStringAsync($"/mailcheck/checks/{id}");

        Assert.Equal(new Uri($"http://localhost/mailcheck/api/checks/{id}"), response.Headers.Location);
        Assert.Contains("<base href=\"/mailcheck/\"", page, StringComparison.Ordinal);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }

    [Fact]
    public async Task StartUp_MalformedProxyNetwork_FailsNamingTheKey()
    {
        await using var factory = new MailCheckWebFactory();
        factory.Settings["MailCheck:ReverseProxy:KnownNetworks:0"] = "10.0.0.0/99";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("MailCheck:ReverseProxy:KnownNetworks", error.ToString(), StringComparison.Ordinal);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }
}
