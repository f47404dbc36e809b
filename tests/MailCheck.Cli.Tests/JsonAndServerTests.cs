using System.Net.Http.Json;
using System.Text.Json;
using MailCheck.Cli.Tests.Infrastructure;
using MailCheck.Testing;

namespace MailCheck.Cli.Tests;

/// <summary>--json is the API's document; --server runs the check on a MailCheck and streams it from the hub.</summary>
public sealed class JsonAndServerTests : IClassFixture<MailLabFixture>
{
    private readonly MailLab _lab;

    public JsonAndServerTests(MailLabFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task Json_LocalProbe_SameDocumentShapeAsTheApi()
    {
        await using var app = new WebApp(_lab);
        using var http = new HttpClient { BaseAddress = app.Address };
        var port = _lab.Port;
        var posted = await http.PostAsJsonAsync("api/checks", new { domain = "example.test", to = new[] { "json@example.test" }, from = "me@mine.test", subject = "Shape", mode = "probe", port });
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var api = await PollFinishedAsync(http, id!);

        var run = await Tool.RunAsync(_lab.Args("json@example.test", more: ["--from", "me@mine.test", "--subject", "Shape", "--mode", "probe", "--json"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        using var cli = JsonDocument.Parse(run.Stdout);
        AssertSameShape(api, cli.RootElement, "$");
        Assert.Equal(api.GetProperty("request").ToString(), cli.RootElement.GetProperty("request").ToString());
        Assert.Equal(api.GetProperty("mx").ToString(), cli.RootElement.GetProperty("mx").ToString());
        Assert.Equal(JsonValueKind.Null, cli.RootElement.GetProperty("url").ValueKind);
        foreach (var name in new[] { "outcome", "summary", "status" })
        {
            Assert.Equal(api.GetProperty(name).GetString(), cli.RootElement.GetProperty(name).GetString());
        }

        Assert.Equal(
            api.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("direction").GetString())),
            cli.RootElement.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("direction").GetString())));
    }

    [Fact]
    public async Task Server_Probe_StreamsFromTheHubPrintsTheLinkAndExitsByOutcome()
    {
        await using var app = new WebApp(_lab);
        var server = app.Address.ToString();

        var run = await Tool.RunAsync(["server@example.test", "--server", server, "--mode", "probe", "--port", _lab.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Contains($"{server}checks/", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("> RCPT TO:<server@example.test>", StringComparison.Ordinal));
        Assert.Contains($"=== Link: {server}checks/", lines[^2], StringComparison.Ordinal);
        Assert.Contains("=== Result: accepted: Accepted at RCPT TO by mx1.example.test", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_Json_PrintsTheServersOwnDocument()
    {
        await using var app = new WebApp(_lab);
        using var http = new HttpClient { BaseAddress = app.Address };

        var run = await Tool.RunAsync(["unknown@example.test", "--server", app.Address.ToString(), "--mode", "probe", "--json", "--port", _lab.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(run.ExitCode == ExitCodes.Rejected, run.ToString());
        var id = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("id").GetString();
        Assert.Equal(await http.GetStringAsync($"api/checks/{id}") + "\n", run.Stdout);
    }

    [Fact]
    public async Task Server_SendModeTurnedOff_Exit64NamingMode()
    {
        await using var app = new WebApp(_lab, new() { ["MailCheck:Safety:AllowSend"] = "false" });

        var run = await Tool.RunAsync(["example.test", "--server", app.Address.ToString(), "--port", _lab.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.True(run.Stderr.Contains("--mode: ", StringComparison.Ordinal), run.Stderr);
    }

    [Fact]
    public async Task Server_NothingListening_Exit69()
    {
        var port = FreePort.Tcp();

        var run = await Tool.RunAsync(["example.test", "--server", $"http://127.0.0.1:{port}/", "--mode", "probe"]);

        Assert.True(run.ExitCode == ExitCodes.ServerUnavailable, run.ToString());
        Assert.Contains("cannot reach", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PollFinishedAsync(HttpClient http, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"api/checks/{id}");
            if (body.GetProperty("status").GetString() == "finished")
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"check {id} did not finish within 30 s");
    }

    /// <summary>Same property names in the same order, and the same kinds wherever both values are present.</summary>
    private static void AssertSameShape(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} in the API, {actual.ValueKind} from the CLI");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var names = expected.EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(names.SequenceEqual(actual.EnumerateObject().Select(p => p.Name)), $"{path}: properties differ");
            foreach (var name in names)
            {
                AssertSameShape(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            AssertSameShape(expected[0], actual[0], $"{path}[0]");
        }
    }
}
