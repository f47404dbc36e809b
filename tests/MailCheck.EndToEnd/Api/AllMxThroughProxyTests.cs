using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Api;

/// <summary>
/// Every MX at once against allmx.test through nginx: the matrix over the API, every host's differences, and never DATA
/// (the scripted servers record every command they receive).
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class AllMxThroughProxyTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    private static JsonObject Row(JsonObject check, string address) =>
        check["matrix"]!["rows"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string?)r["address"] == address);

    private static JsonObject Stage(JsonObject row, string name) =>
        row["stages"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["name"] == name);

    [Fact]
    public async Task PostCheck_ScopeAll_MatrixShowsEveryTargetAndWhatDiffersAndNoDataIsSent()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new { domain = AllMxServers.Domain, scope = "all" });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        var json = check.ToJsonString();
        Assert.True((string?)check["outcome"] == "unreachable", json);
        Assert.Equal("probe", (string?)check["request"]!["mode"]);
        var rows = check["matrix"]!["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        // MX order (preference), then each host's addresses as DNS gave them (A before AAAA; dnsmasq picks mx2's order).
        Assert.Equal(["127.0.0.61", "::1"], rows.Take(2).Select(r => (string?)r["address"]));
        Assert.Equal(["127.0.0.62", AllMxServers.DeadAddress], rows.Skip(2).Take(2).Select(r => (string?)r["address"]).Order(StringComparer.Ordinal));
        Assert.Equal("127.0.0.63", (string?)rows[4]["address"]);
        Assert.Equal([10, 10, 20, 20, 30], rows.Select(r => (int)r["preference"]!));
        Assert.Equal(
            ["accepted", "unreachable", "accepted", "unreachable", "accepted"],
            new[] { "127.0.0.61", "::1", "127.0.0.62", AllMxServers.DeadAddress, "127.0.0.63" }.Select(a => (string?)Row(check, a)["outcome"]));

        var backup = Row(check, "127.0.0.62");
        Assert.Equal("warn", (string?)Stage(backup, "startTls")["status"]);
        Assert.Equal("not offered", (string?)Stage(backup, "startTls")["text"]);
        Assert.True((bool)Stage(backup, "startTls")["differs"]!);
        Assert.Contains("Exim", (string?)Stage(backup, "banner")["reply"], StringComparison.Ordinal);
        Assert.Equal("fail", (string?)Stage(Row(check, AllMxServers.DeadAddress), "connect")["status"]);
        var expired = Stage(Row(check, "127.0.0.63"), "certificate");
        Assert.Equal("fail", (string?)expired["status"]);
        Assert.StartsWith("expired ", (string?)expired["text"], StringComparison.Ordinal);
        Assert.Contains("RFC 5280", (string?)expired["reply"], StringComparison.Ordinal);
        var v6 = Row(check, "::1");
        Assert.NotEqual("pass", (string?)Stage(v6, "connect")["status"]);
        Assert.Equal("notReached", (string?)Stage(v6, "banner")["status"]);
        var aspects = check["matrix"]!["differences"]!.AsArray().Select(d => (string?)d!["aspect"]).ToList();
        Assert.Equal(["outcome", "startTls", "certificate", "size", "banner"], aspects);

        Assert.All(CheckApi.Events(check), e => Assert.NotEqual("data", e.Kind));
        Assert.Contains(rig.AllMx.AllCommands, c => c.StartsWith("RCPT TO:<postmaster@allmx.test>", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.AllMx.AllCommands, c => c.Equals("DATA", StringComparison.OrdinalIgnoreCase) || c.StartsWith("BDAT", StringComparison.OrdinalIgnoreCase));
        Assert.All(rig.AllMx.ByAddress.Values.SelectMany(s => s.Connections), c => Assert.Null(c.Data));
    }

    [Fact]
    public async Task PostCheck_ScopeAllWithSend_400NamingScopeAndNoServerIsContacted()
    {
        using var client = rig.CreateHttpClient();
        var connections = rig.AllMx.ByAddress.Values.Sum(s => s.Connections.Count);

        using var response = await client.PostAsJsonAsync("api/checks", new { domain = AllMxServers.Domain, scope = "all", mode = "send" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("never sends one message to several servers", (string?)problem["errors"]!["scope"]![0], StringComparison.Ordinal);
        Assert.Equal(connections, rig.AllMx.ByAddress.Values.Sum(s => s.Connections.Count));
    }

    [Fact]
    public async Task Compare_TwoEveryMxRuns_OnlyTimingsMayDifferAndTheRestIsNamedTheSame()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var first = await api.SubmitAsync(new { domain = AllMxServers.Domain, scope = "all", mode = "connect" });
        await api.WaitFinishedAsync(first.Id, CheckTimeout);
        var second = await api.SubmitAsync(new { domain = AllMxServers.Domain, scope = "all", mode = "connect" });
        await api.WaitFinishedAsync(second.Id, CheckTimeout);

        using var response = await client.GetAsync(new Uri($"api/checks/{second.Id}/compare/{first.Id}", UriKind.Relative));
        var comparison = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first.Id, (string?)comparison["before"]!["id"]);
        Assert.True((bool)comparison["sameDomain"]!);
        Assert.All(comparison["changes"]!.AsArray(), c => Assert.Equal("timing", (string?)c!["area"]));
        var unchanged = comparison["unchanged"]!.AsArray().Select(u => (string?)u).ToList();
        Assert.Contains("mx", unchanged);
        Assert.Contains("certificate", unchanged);
        Assert.Contains("replies", unchanged);
        Assert.StartsWith("Everything else is the same", (string?)comparison["unchangedText"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_UnknownId_404ProblemThroughTheProxy()
    {
        using var client = rig.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("api/checks/AAAAAAAAAAAAAAAAAAAAAA/compare/BBBBBBBBBBBBBBBBBBBBBB", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
