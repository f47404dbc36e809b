using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailCheck.ScaleOut.Rig;

/// <summary>The MailCheck HTTP API through whatever client it is given (the balancer, or one instance directly).</summary>
public static class CheckApi
{
    public static async Task<string> SubmitAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("api/checks", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST api/checks answered {(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync(new Uri($"api/checks/{id}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET api/checks/{id} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls (bounded) until <paramref name="condition"/> holds for the check.</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, string id, Func<JsonObject, bool> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var check = await GetAsync(client, id);
            if (condition(check))
            {
                return check;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Check {id} did not become {what} within {bound.TotalSeconds:0} s: {check.ToJsonString()}");
            }

            await Task.Delay(200);
        }
    }

    public static Task<JsonObject> WaitFinishedAsync(HttpClient client, string id, TimeSpan bound) =>
        WaitAsync(client, id, c => (string?)c["status"] == "finished", bound, "finished");

    public static IReadOnlyList<int> Seqs(JsonObject check) => check["events"]!.AsArray().Select(e => (int)e!["seq"]!).ToList();

    /// <summary>A recipient at the recording SMTP server that no other check uses: its sessions are this check's.</summary>
    public static string Recipient(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}@[127.0.0.1]";

    /// <summary>A request to the recording SMTP server (an address literal, its own port), for one unique recipient.</summary>
    public static object Slow(string recipient, int port, string mode = "send", bool auth = false) => auth
        ? new { domain = "[127.0.0.1]", to = new[] { recipient }, mode, port, tls = "none", auth = new { username = "scale", password = "scale-secret" } }
        : new { domain = "[127.0.0.1]", to = new[] { recipient }, mode, port, tls = "none" };
}
