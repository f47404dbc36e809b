using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailCheck.EndToEnd.Rig;

/// <summary>The MailCheck HTTP API (POST/GET /api/checks) through nginx.</summary>
public sealed class CheckApi(HttpClient client)
{
    /// <summary>POSTs a check and returns the 202 answer (its body and Location header).</summary>
    public async Task<Submitted> SubmitAsync(object request, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync("api/checks", request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST api/checks answered {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        return new Submitted(
            (string)body["id"]!,
            (string?)body["url"],
            response.Headers.Location,
            (string?)body["status"]);
    }

    public async Task<JsonObject> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync(new Uri($"api/checks/{id}", UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET api/checks/{id} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls (bounded) until the check's status is "finished" and returns it.</summary>
    public async Task<JsonObject> WaitFinishedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject check;
        while (true)
        {
            check = await GetAsync(id, cancellationToken);
            if ((string?)check["status"] == "finished")
            {
                return check;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Check {id} did not finish within {timeout.TotalSeconds:0}s: {check.ToJsonString()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The events of a check as (kind, direction, text, code, enhancedCode, explanation).</summary>
    public static IReadOnlyList<ApiEvent> Events(JsonObject check) =>
        check["events"]!.AsArray().Select(e => new ApiEvent(
            (int)e!["seq"]!,
            ((string?)e["kind"] ?? "").ToLowerInvariant(),
            ((string?)e["direction"] ?? "").ToLowerInvariant(),
            (string?)e["text"] ?? "",
            (int?)e["code"],
            (string?)e["enhancedCode"],
            (string?)e["explanation"])).ToList();

    public sealed record Submitted(string Id, string? Url, Uri? Location, string? Status);

    public sealed record ApiEvent(int Seq, string Kind, string Direction, string Text, int? Code, string? EnhancedCode, string? Explanation);
}
