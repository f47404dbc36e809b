using MailCheck.Core.Receive;

namespace MailCheck.Core.Tests.Receive;

public sealed class ReceiveOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Valid() => Assert.True(new ReceiveOptionsValidator().Validate(null, new ReceiveOptions()).Succeeded);

    [Fact]
    public void Validate_Defaults_ReceiveModeOff() => Assert.False(new ReceiveOptions().Enabled);

    [Theory]
    [InlineData("receive", "Domain")]
    [InlineData("[127.0.0.1]", "Domain")]
    [InlineData("exa mple.com", "Domain")]
    public void Validate_BadDomain_NamesTheKey(string domain, string key) =>
        AssertFails(new ReceiveOptions { Domain = domain }, $"MailCheck:Receive:{key}");

    [Theory]
    [InlineData("2525")]
    [InlineData("0.0.0.0")]
    [InlineData("host:2525")]
    [InlineData("0.0.0.0:70000")]
    [InlineData("[::]")]
    public void Validate_BadListen_NamesTheKey(string listen) => AssertFails(new ReceiveOptions { Listen = listen }, "MailCheck:Receive:Listen");

    [Theory]
    [InlineData("0.0.0.0:2525")]
    [InlineData("127.0.0.70:2525")]
    [InlineData("[::]:2525")]
    [InlineData("[::1]:25")]
    public void Validate_GoodListen_Valid(string listen) => Assert.True(new ReceiveOptionsValidator().Validate(null, new ReceiveOptions { Listen = listen }).Succeeded);

    [Fact]
    public void Validate_LimitsOutOfRange_EachNamed()
    {
        var options = new ReceiveOptions
        {
            Wait = TimeSpan.FromSeconds(10),
            MaxMessageSize = 1000,
            MaxConnections = 0,
            CommandTimeout = TimeSpan.Zero,
            SessionTimeout = TimeSpan.FromHours(2),
            KeyFile = "/nowhere/key.pem",
        };

        var result = new ReceiveOptionsValidator().Validate(null, options);

        foreach (var key in new[] { "Wait", "MaxMessageSize", "MaxConnections", "MaxConnectionsPerAddress", "CommandTimeout", "SessionTimeout", "KeyFile" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith($"MailCheck:Receive:{key} ", StringComparison.Ordinal));
        }
    }

    private static void AssertFails(ReceiveOptions options, string key)
    {
        var result = new ReceiveOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
    }
}
