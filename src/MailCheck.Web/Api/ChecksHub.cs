using System.Runtime.CompilerServices;
using System.Text.Json;
using MailCheck.Web.Hosting;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Web.Checks;
using Microsoft.AspNetCore.SignalR;

namespace MailCheck.Web.Api;

/// <summary>
/// SignalR hub at <c>/hubs/checks</c> for watchers without a browser. <c>Watch(id)</c> streams every stored event,
/// then each new one, and ends after the outcome event: the same <see cref="CheckFeed"/> as the result page, so a
/// check running on another instance streams live too. <c>Submit(request)</c> queues a check like the API does.
/// </summary>
public sealed class ChecksHub(CheckFeed feed, CheckSubmissionService submissions, RequestDefaults defaults, TimeProvider time) : Hub
{
    /// <param name="checkId">The check's id; taken as any JSON value so that a wrong type gets a clear message.</param>
    /// <param name="cancellationToken">Ends the stream when the watcher goes away.</param>
    public async IAsyncEnumerable<CheckDocumentEvent> Watch(JsonElement checkId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (checkId.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(checkId.GetString()))
        {
            throw new HubException("Watch needs the id of a check: a string such as \"qVBf8i8MEm43onUvw9QBUQ\".");
        }

        var id = checkId.GetString()!;
        await using var events = feed.WatchAsync(id, 0, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (KeyNotFoundException)
            {
                throw new HubException($"There is no check with id '{(Core.Checks.CheckId.IsValid(id) ? id : "(not an id)")}'.");
            }

            if (!more)
            {
                yield break;
            }

            yield return CheckDocumentEvent.From(events.Current);
        }
    }

    /// <param name="check">The request, as for <c>POST /api/checks</c>; taken as any JSON value so that a wrong type names its field.</param>
    public async Task<CheckCreatedResponse> Submit(JsonElement check)
    {
        var request = Read(check);
        var http = Context.GetHttpContext();
        var result = await submissions.SubmitAsync(
            request.ToCheckRequest(defaults, time.GetUtcNow()),
            http?.Connection.RemoteIpAddress?.ToString(),
            Context.ConnectionAborted);
        return result switch
        {
            SubmissionResult.Accepted accepted when http is not null =>
                new CheckCreatedResponse(accepted.Id, PublicLinks.CheckPage(http.Request, accepted.Id), "queued"),
            SubmissionResult.Accepted accepted => new CheckCreatedResponse(accepted.Id, $"/checks/{accepted.Id}", "queued"),
            SubmissionResult.Invalid invalid => throw new HubException(
                "The check request is not valid: " + string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}"))),
            SubmissionResult.Busy busy => throw new HubException($"{busy.Message} {Safety.LimitText.TryAgain(busy.RetryAfter)}"),
            SubmissionResult.Refused refused => throw new HubException(
                refused.RetryAfter is { } wait ? $"{refused.Message} {Safety.LimitText.TryAgain(wait)}" : refused.Message),
            _ => throw new HubException("The check could not be queued."),
        };
    }

    private static ApiCheckRequest Read(JsonElement check)
    {
        if (check.ValueKind != JsonValueKind.Object)
        {
            throw new HubException("Submit needs the check request as a JSON object, e.g. {\"domain\":\"example.com\"}.");
        }

        try
        {
            return check.Deserialize<ApiCheckRequest>(MailCheckJson.Options)!;
        }
        catch (JsonException ex)
        {
            var field = CheckEndpoints.FieldFromJsonPath(ex.Path) ?? "request";
            throw new HubException($"The check request is not valid: {field}: {CheckEndpoints.InvalidValueMessage(field)}");
        }
    }
}
