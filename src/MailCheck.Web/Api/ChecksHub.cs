using System.Runtime.CompilerServices;
using MailCheck.Core.Smtp;
using MailCheck.Web.Checks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Api;

/// <summary>
/// SignalR hub at <c>/hubs/checks</c> for watchers without a browser. <c>Watch(id)</c> streams every stored event,
/// then each new one, and ends after the outcome event. <c>Submit(request)</c> queues a check like the API does.
/// </summary>
public sealed class ChecksHub(CheckWatcher watcher, CheckSubmissionService submissions, IOptions<SmtpOptions> smtp, TimeProvider time) : Hub
{
    public async IAsyncEnumerable<ApiCheckEvent> Watch(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var events = watcher.WatchAsync(id, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (KeyNotFoundException)
            {
                throw new HubException($"There is no check with id '{id}'.");
            }

            if (!more)
            {
                yield break;
            }

            yield return ApiCheckEvent.From(events.Current);
        }
    }

    public async Task<CheckCreatedResponse> Submit(ApiCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = Context.GetHttpContext();
        var result = await submissions.SubmitAsync(
            request.ToCheckRequest(smtp.Value.DefaultFrom, time.GetUtcNow()),
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
}
