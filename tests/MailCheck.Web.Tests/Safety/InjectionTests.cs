using System.Globalization;
using System.Net;
using MailCheck.Web.Tests.Api;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// No user field can add an SMTP command: CR, LF, NUL and other control characters are refused with a 400 naming the
/// field before any connection (the real engine and a real server on loopback; the server must see nobody).
/// </summary>
public sealed class InjectionTests : IAsyncLifetime
{
    private SmtpLab _lab = default!;
    private SafetyWebFactory _factory = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _lab = await SmtpLab.StartAsync();
        _factory = new SafetyWebFactory { UseRealEngine = true };
        _lab.Apply(_factory);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _lab.DisposeAsync();
    }

    private string Body(string fields) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"domain":"{{SmtpLab.Domain}}","mode":"send","port":{{_lab.Port}},"tls":"none",{{fields}}}""");

    [Theory]
    [InlineData("from", """ "from":"a@b.c>\r\nRCPT TO:<x@y.z>" """)]
    [InlineData("from", """ "from":"a@b.c>\nRCPT TO:<x@y.z>" """)]
    [InlineData("from", """ "from":"a\u0000@b.c" """)]
    [InlineData("to[0]", """ "to":["someone@example.test>\r\nDATA"] """)]
    [InlineData("to[1]", """ "to":["someone@example.test","x@example.test\rRSET"] """)]
    [InlineData("ehloName", """ "ehloName":"client.example\r\nMAIL FROM:<x@y.z>" """)]
    [InlineData("subject", """ "subject":"Hello\r\nBcc: victim@example.org" """)]
    [InlineData("subject", """ "subject":"Hello\u001b[31m" """)]
    [InlineData("auth.username", """ "auth":{"username":"user\r\nRCPT TO:<x@y.z>","password":"p"} """)]
    [InlineData("auth.password", """ "auth":{"username":"user","password":"p\r\nQUIT"} """)]
    public async Task Post_ControlCharacterInField_Returns400NamingTheFieldAndNoConnection(string field, string json)
    {
        var response = await _client.PostJsonAsync(Body(json.Trim()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(0, (await (await _client.GetAsync("/api/checks")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, _lab.Smtp.SessionCount);
    }

    [Fact]
    public async Task Post_SameFieldsWithoutControlCharacters_ConnectsAndDelivers()
    {
        var id = await _client.SubmitAsync(Body("""
            "from":"a@b.example","to":["someone@example.test"],"ehloName":"client.example","subject":"Hello"
            """));
        var check = await _client.WaitForStatusAsync(id);

        Assert.Equal("accepted", check.GetProperty("outcome").GetString());
        Assert.True(_lab.Smtp.SessionCount >= 1);
        var message = Assert.Single(_lab.Smtp.Messages);
        Assert.Equal(["someone@example.test"], message.To);
    }

    [Fact]
    public async Task Post_BodyWithDotLinesAndBareNewLines_ArrivesIntactWithoutExtraCommands()
    {
        var id = await _client.SubmitAsync(Body("""
            "to":["someone@example.test"],"body":"line one\n.\nQUIT\r\n.\r\nRCPT TO:<x@y.z>\rend"
            """));
        await _client.WaitForStatusAsync(id);

        var message = Assert.Single(_lab.Smtp.Messages);
        Assert.Equal(["someone@example.test"], message.To);
        var text = (message.ToMimeMessage().TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("line one\n.\nQUIT\n.\nRCPT TO:<x@y.z>\nend\n", text, StringComparison.Ordinal);
    }
}
