using System.Text.Json.Serialization;

namespace MailCheck.Web.Api;

/// <summary>
/// The 202 answer to <c>POST /api/checks</c>: the id, the public link to share, and "queued" — or, for a receive check,
/// "waiting" and the one-time address to send the message to.
/// </summary>
public sealed record CheckCreatedResponse(string Id, string Url, string Status)
{
    /// <summary>Receive checks only: the address to send one message to (absent for every other check).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReceiveAddress { get; init; }

    public static CheckCreatedResponse Of(Checks.SubmissionResult.Accepted accepted, string url)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return new CheckCreatedResponse(accepted.Id, url, accepted.ReceiveAddress is null ? "queued" : "waiting") { ReceiveAddress = accepted.ReceiveAddress };
    }
}
