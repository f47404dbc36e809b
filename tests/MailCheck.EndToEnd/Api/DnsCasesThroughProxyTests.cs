using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Api;

/// <summary>What the app makes of the rig's DNS zones (null MX, implicit MX, a name that does not exist) and of postfix's relay refusal.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class DnsCasesThroughProxyTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PostCheck_NullMxDomain_NoMailServiceWithoutConnecting()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new { domain = "nullmx.test", mode = "connect" });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        Assert.True((string?)check["outcome"] == "noMailService", check.ToJsonString());
        Assert.DoesNotContain(CheckApi.Events(check), e => e.Kind is "connect" or "banner");
    }

    [Fact]
    public async Task PostCheck_DomainWithOnlyARecord_ImplicitMxReachesPostfix()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new { domain = "implicit.test", to = new[] { "someone@implicit.test" }, mode = "probe" });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        Assert.Contains(CheckApi.Events(check), e => e.Direction == "server" && e.Text.StartsWith("220 mx.mailcheck.test ESMTP", StringComparison.Ordinal));
        var mx = Assert.Single(check["mx"]!.AsArray());
        Assert.Equal("implicit.test", ((string?)mx!["host"])?.TrimEnd('.'));
    }

    [Fact]
    public async Task PostCheck_RecipientOutsideTheSinkDomains_PostfixRefusesToRelay()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new { domain = "postfix.test", to = new[] { "someone@elsewhere.test" }, mode = "send" });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        Assert.True((string?)check["outcome"] == "rejected", check.ToJsonString());
        var refusal = Assert.Single(CheckApi.Events(check), e => e.Code == 554);
        Assert.Equal("5.7.1", refusal.EnhancedCode);
        Assert.Contains("Relay access denied", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckApi.Events(check), e => e.Kind == "message");
    }

    [Fact]
    public async Task PostCheck_DomainThatDoesNotExist_NoMailService()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new { domain = "does-not-exist.test", mode = "connect" });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        Assert.True((string?)check["outcome"] == "noMailService", check.ToJsonString());
    }
}
