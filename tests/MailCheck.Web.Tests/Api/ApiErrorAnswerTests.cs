using System.Net;
using System.Text;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

/// <summary>Answers a script gets for requests the API cannot take: always problem details naming what is wrong.</summary>
public sealed class ApiErrorAnswerTests : WebAppTests
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task Post_BodyNotSentAsJson_Returns415ProblemSayingContentType(string contentType)
    {
        using var content = new StringContent("""{"domain":"example.com"}""", Encoding.UTF8, contentType);

        var response = await Client.PostAsync("/api/checks", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.JsonAsync()).GetProperty("detail").GetString();
        Assert.Contains("Content-Type: application/json", detail, StringComparison.Ordinal);
        Assert.Empty(Factory.Engine.Runs);
    }

    [Fact]
    public async Task Post_ToACheckId_Returns405Problem()
    {
        var response = await Client.PostJsonAsync("""{"domain":"example.com"}""", "/api/checks/AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_UnknownApiPath_Returns404ProblemNotTheHtmlPage()
    {
        var response = await Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("offset=abc", "offset")]
    [InlineData("offset=-1", "offset")]
    public async Task List_BadNumber_Returns400NamingTheParameter(string query, string field)
    {
        var response = await Client.GetAsync("/api/checks?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), query);
    }

    [Theory]
    [InlineData("limit=1")]
    [InlineData("limit=500&offset=0")]
    [InlineData("limit=&offset=")]
    public async Task List_GoodNumbers_Returns200(string query)
    {
        var response = await Client.GetAsync("/api/checks?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_DomainOnlyInvalidLiteral_NamesOnlyTheDomain()
    {
        var response = await Client.PostJsonAsync("""{"domain":"[127.1]","mode":"probe"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["domain"], errors.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("""{"domain":"example.com","mode":"spam"}""", "mode", "probe")]
    [InlineData("""{"domain":"example.com","tls":"maybe"}""", "tls", "implicit")]
    [InlineData("""{"domain":"example.com","port":"x"}""", "port", "587")]
    public async Task Post_UnknownValue_SaysWhichValuesAreAllowed(string json, string field, string allowed)
    {
        var response = await Client.PostJsonAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains(allowed, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"domain":"example.com","from":"\r\n"}""", "from")]
    [InlineData("""{"domain":"\r\n","to":["a@example.com"]}""", "domain")]
    [InlineData("""{"domain":"example.com","ehloName":"\t"}""", "ehloName")]
    [InlineData("""{"domain":"example.com","ehloName":"\u2028"}""", "ehloName")]
    public async Task Post_ControlCharactersOnlyInAField_Returns400NamingItNotTheDefault(string json, string field)
    {
        var response = await Client.PostJsonAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), json);
        Assert.Empty(Factory.Engine.Runs);
    }
}
