using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Cli;

/// <summary>The mailcheck CLI against the rig: dnsmasq's zones, postfix's answers, and the published app behind nginx.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class CliAgainstRigTests(RigFixture rig)
{
    private static readonly string Dns = Environment.GetEnvironmentVariable("MAILCHECK_E2E_DNS") ?? "127.0.0.1:15353";

    private static string[] Lab(string target, params string[] more) => [target, "--dns", Dns, "--allow-network", "127.0.0.0/8", .. more];

    [Fact]
    public async Task Send_ToPostfix_AcceptedViaTheSecondMxAndDelivered()
    {
        var (code, stdout, stderr) = await MailcheckTool.RunAsync(Lab("cli-send@mailcheck.test", "--json"));

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("accepted", (string?)document["outcome"]);
        Assert.Equal(["mx-dead.mailcheck.test", "mx.mailcheck.test"], document["mx"]!.AsArray().Select(m => ((string?)m!["host"])!.TrimEnd('.')));
        var file = await rig.Maildir.WaitForMessageAsync((string)document["id"]!, TimeSpan.FromSeconds(30));
        Assert.Contains("cli-send@mailcheck.test", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown@mailcheck.test", 10, "Result: rejected: Rejected at RCPT TO by mx.mailcheck.test: 550 5.1.1")]
    [InlineData("greylist@mailcheck.test", 11, "Result: deferred: Deferred at RCPT TO by mx.mailcheck.test: 450 4.2.0")]
    [InlineData("nullmx.test", 13, "Result: noMailService: No mail service: nullmx.test publishes a null MX")]
    [InlineData("someone@postfix.test", 0, "Result: accepted: Accepted at RCPT TO by mx.mailcheck.test")]
    public async Task Probe_RigAnswers_ExitCodeAndOutcomeLineLast(string target, int expected, string outcomeLine)
    {
        var (code, stdout, stderr) = await MailcheckTool.RunAsync(Lab(target, "--mode", "probe"));

        Assert.True(code == expected, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains(outcomeLine, stdout.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_SameDocumentShapeAsTheRigAppsApi()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { to = new[] { "shape@mailcheck.test" }, mode = "probe" });
        var fromApi = await api.WaitFinishedAsync(submitted.Id, TimeSpan.FromSeconds(90));

        var (code, stdout, stderr) = await MailcheckTool.RunAsync(Lab("shape@mailcheck.test", "--mode", "probe", "--json"));

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var fromCli = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(fromApi.Select(p => p.Key), fromCli.Select(p => p.Key));
        Assert.Equal(fromApi["mx"]!.ToJsonString(), fromCli["mx"]!.ToJsonString());
        Assert.Equal(fromApi["result"]!.AsObject().Select(p => p.Key), fromCli["result"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            fromApi["events"]!.AsArray().Select(e => ((string?)e!["kind"], (string?)e["direction"])),
            fromCli["events"]!.AsArray().Select(e => ((string?)e!["kind"], (string?)e["direction"])));
    }

    [Fact]
    public async Task Server_ThroughNginx_StreamsAndPrintsTheShareLink()
    {
        var server = rig.Settings.HttpBaseUrl.ToString();

        var (code, stdout, stderr) = await MailcheckTool.RunAsync("someone@mailcheck.test", "--mode", "probe", "--server", server);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Contains($"=== Link: {server}checks/", lines[^2], StringComparison.Ordinal);
        Assert.Contains("Result: accepted", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllMx_AllmxTest_MatrixOfEveryHostExit12AndNoDataToAnyServer()
    {
        var (code, stdout, stderr) = await MailcheckTool.RunAsync(Lab(AllMxServers.Domain, "--all-mx", "--allow-network", "::1/128", "--no-posture"));

        Assert.True(code == 12, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stdout.TrimEnd().Split('\n');
        var matrix = Array.FindIndex(lines, l => l.StartsWith("MX matrix: 3 of ", StringComparison.Ordinal));
        Assert.True(matrix > 0, stdout);
        Assert.Contains(lines.Skip(matrix), l => l.Contains("mx2.allmx.test 127.0.0.62", StringComparison.Ordinal) && l.Contains("! not offered *", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(matrix), l => l.Contains("mx3.allmx.test 127.0.0.63", StringComparison.Ordinal) && l.Contains("x expired ", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(matrix), l => l.StartsWith("  - The SIZE limit differs: ", StringComparison.Ordinal));
        Assert.Contains("=== Result: unreachable: 3 of ", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("-> DATA", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.AllMx.AllCommands, c => c.Equals("DATA", StringComparison.OrdinalIgnoreCase));
    }
}
