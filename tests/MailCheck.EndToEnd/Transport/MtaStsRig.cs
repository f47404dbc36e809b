using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Transport;

/// <summary>Runs a probe of postmaster@domain through the app's API and reads the scorecard items of the finished check.</summary>
internal static class MtaStsRig
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    public static async Task<JsonObject> ProbeAsync(RigFixture rig, string domain)
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { domain, to = new[] { $"postmaster@{domain}" }, mode = "probe" });
        return await api.WaitFinishedAsync(submitted.Id, CheckTimeout);
    }

    /// <summary>The scorecard items with <paramref name="id"/>.</summary>
    public static IReadOnlyList<JsonObject> Items(JsonObject check, string id) =>
        [.. check["scorecard"]!["items"]!.AsArray().Select(i => i!.AsObject()).Where(i => (string?)i["id"] == id)];

    public static JsonObject Item(JsonObject check, string id)
    {
        var items = Items(check, id);
        Assert.True(items.Count == 1, $"expected one {id} item, got {items.Count}: {check["scorecard"]?.ToJsonString()}");
        return items[0];
    }

    public static string Status(JsonObject item) => (string?)item["status"] ?? "";

    public static string Title(JsonObject item) => (string?)item["title"] ?? "";

    /// <summary>Every finding's text, one per line.</summary>
    public static string Findings(JsonObject item) =>
        string.Join("\n", item["findings"]!.AsArray().Select(f => $"[{(string?)f!["status"]}] {(string?)f["text"]}"));
}
