using MailCheck.Core.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Receive;

namespace MailCheck.Web.Api;

/// <summary>
/// Receive checks' own endpoints: the message that arrived (to whoever holds the check's link, as plain text, never
/// rendered) and stopping a check that waits.
/// </summary>
public static class ReceiveEndpoints
{
    public static IEndpointRouteBuilder MapMailCheckReceiveApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/checks").WithTags("Receive");
        api.MapGet("/{id}/message.eml", MessageAsync)
            .WithName("GetReceivedMessage")
            .WithSummary("Receive checks: the message as it arrived, as a plain-text download (never rendered).");
        api.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelReceiveCheck")
            .WithSummary("Receive checks: stop waiting for the message (outcome cancelled).");
        return endpoints;
    }

    internal static async Task<IResult> MessageAsync(string id, HttpContext http, ReceiveChecks receiving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var stored = await receiving.GetMessageAsync(id, cancellationToken);
        if (stored is not { } found)
        {
            return TypedResults.Problem(
                title: "There is no received message for this id.",
                detail: $"No message is stored for '{(CheckId.IsValid(id) ? id : "(not an id)")}': it is not a receive check, no message arrived yet, or the check was deleted after the retention period.",
                statusCode: StatusCodes.Status404NotFound);
        }

        // A hostile message must never be rendered: plain text, a download, no sniffing, no scripts.
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"mailcheck-{id}.eml\"";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Bytes(found.Message, "text/plain; charset=utf-8");
    }

    internal static async Task<IResult> CancelAsync(string id, ICheckStore store, ReceiveChecks receiving, CancellationToken cancellationToken)
    {
        var check = await store.GetAsync(id, cancellationToken);
        if (check is null)
        {
            return TypedResults.Problem(title: "There is no check with this id.", statusCode: StatusCodes.Status404NotFound);
        }

        if (check.Request.Mode != CheckMode.Receive)
        {
            return TypedResults.Problem(title: "Only a receive check can be stopped.", detail: "Checks that connect out run to their end (a couple of minutes at most).", statusCode: StatusCodes.Status409Conflict);
        }

        if (await receiving.CancelAsync(id, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        var view = await receiving.GetAsync(id, cancellationToken);
        var why = view switch
        {
            { ReceivedAt: not null } => "Its message has arrived already.",
            { ArrivingNow: true } => "A message is arriving right now; the check ends when it has been judged.",
            _ => "It no longer waits.",
        };
        return TypedResults.Problem(title: "This receive check cannot be stopped.", detail: why, statusCode: StatusCodes.Status409Conflict);
    }
}
