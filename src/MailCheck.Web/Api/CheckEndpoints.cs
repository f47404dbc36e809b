using System.Globalization;
using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Comparison;
using MailCheck.Core.Documents;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MailCheck.Web.Api;

/// <summary>The HTTP API for scripts: submit, read, list, and the text transcript.</summary>
public static class CheckEndpoints
{
    /// <summary>Largest request body accepted by <c>POST /api/checks</c> (a 64 KiB message body plus JSON overhead).</summary>
    public const long MaxRequestBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapMailCheckApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/checks").WithTags("Checks");
        api.MapPost("/", CreateAsync)
            .Accepts<ApiCheckRequest>("application/json")
            .Produces<CheckCreatedResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CreateCheck")
            .WithSummary("Queue a check; answers at once with its id and link.");
        api.MapGet("/{id}", GetAsync)
            .WithName("GetCheck")
            .WithSummary("A check with its request (no password), MX hosts and every event so far.");
        api.MapGet("/{id}/transcript.txt", TranscriptAsync)
            .WithName("GetCheckTranscript")
            .WithSummary("The transcript as plain text, swaks style.");
        api.MapGet("/{a}/compare/{b}", CompareAsync)
            .WithName("CompareChecks")
            .WithSummary("What changed between two checks, from the earlier to the later: MX, addresses, extensions, certificate, TLS, outcome, replies, timings, scorecard.");
        api.MapGet("/", ListAsync)
            .WithName("ListChecks")
            .WithSummary("Recent checks, newest first; filter by domain and outcome.");
        return endpoints;
    }

    internal static async Task<IResult> CreateAsync(
        HttpContext http,
        CheckSubmissionService submissions,
        RequestDefaults defaults,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        ApiCheckRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ApiCheckRequest>(http.Request.Body, MailCheckJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            var field = FieldFromJsonPath(ex.Path);
            return field is null
                ? TypedResults.Problem(title: "The request body is not valid JSON.", detail: "Send a JSON object such as {\"domain\":\"example.com\"}.", statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [field] = [InvalidValueMessage(field)] },
                    title: "The request body is not valid.");
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(title: "The request body could not be read.", detail: ex.Message, statusCode: ex.StatusCode);
        }

        if (body is null)
        {
            return TypedResults.Problem(title: "The request body is empty.", detail: "Send a JSON object such as {\"domain\":\"example.com\"}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var request = body.ToCheckRequest(defaults, time.GetUtcNow());
        var result = await submissions.SubmitAsync(request, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return ToHttpResult(http, result);
    }

    internal static IResult ToHttpResult(HttpContext http, SubmissionResult result)
    {
        switch (result)
        {
            case SubmissionResult.Accepted accepted:
                return TypedResults.Accepted(
                    PublicLinks.CheckResource(http.Request, accepted.Id),
                    CheckCreatedResponse.Of(accepted, PublicLinks.CheckPage(http.Request, accepted.Id)));
            case SubmissionResult.Invalid invalid:
                return TypedResults.ValidationProblem(
                    invalid.Errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
                    title: "The check request is not valid. Nothing was sent.");
            case SubmissionResult.Busy busy:
                SetRetryAfter(http, busy.RetryAfter);
                return TypedResults.Problem(title: busy.Message, detail: RetryText(busy.RetryAfter), statusCode: StatusCodes.Status503ServiceUnavailable, extensions: RetryExtension(busy.RetryAfter));
            case SubmissionResult.Refused refused:
                if (refused.RetryAfter is { } retry)
                {
                    SetRetryAfter(http, retry);
                }

                return TypedResults.Problem(
                    title: refused.Message,
                    detail: refused.RetryAfter is { } wait ? RetryText(wait) : null,
                    statusCode: refused.RetryAfter is null ? StatusCodes.Status403Forbidden : StatusCodes.Status429TooManyRequests,
                    extensions: refused.RetryAfter is { } after ? RetryExtension(after) : null);
            default:
                throw new InvalidOperationException("Unknown submission result.");
        }
    }

    internal static async Task<Results<Ok<CheckDocument>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, ICheckStore store, CancellationToken cancellationToken)
    {
        var check = await store.GetAsync(id, cancellationToken);
        return check is null
            ? NotFound(id)
            : TypedResults.Ok(CheckDocuments.From(check, PublicLinks.CheckPage(http.Request, check.Id)));
    }

    internal static async Task<Results<Ok<CheckComparison>, ProblemHttpResult>> CompareAsync(
        string a, string b, ICheckStore store, CancellationToken cancellationToken)
    {
        var first = await store.GetAsync(a, cancellationToken);
        var second = await store.GetAsync(b, cancellationToken);
        if (first is null || second is null)
        {
            var missing = first is null ? a : b;
            return TypedResults.Problem(
                title: "There is no check with this id.",
                detail: $"Cannot compare: no check '{(CheckId.IsValid(missing) ? missing : "(not an id)")}' is stored here. It may have been deleted after the retention period.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(CheckComparer.Compare(CheckDocuments.Snapshot(first), CheckDocuments.Snapshot(second)));
    }

    internal static async Task<IResult> TranscriptAsync(string id, HttpContext http, ICheckStore store, CancellationToken cancellationToken)
    {
        var check = await store.GetAsync(id, cancellationToken);
        return check is null
            ? NotFound(id)
            : TypedResults.Text(TranscriptText.Format(check, PublicLinks.CheckPage(http.Request, check.Id)), "text/plain; charset=utf-8");
    }

    internal static async Task<IResult> ListAsync(
        HttpContext http,
        ICheckStore store,
        string? domain,
        string? outcome,
        string? limit,
        string? offset,
        CancellationToken cancellationToken)
    {
        // Read as text, so that "limit=abc" gets an answer naming the parameter rather than a bare 400.
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var take = ParseQueryNumber(limit, "limit", 50, MaxListLimit, errors);
        var skip = ParseQueryNumber(offset, "offset", 0, int.MaxValue, errors, min: 0);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        CheckOutcome? parsedOutcome = null;
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            if (!Enum.TryParse<CheckOutcome>(outcome, ignoreCase: true, out var o) || int.TryParse(outcome, out _))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["outcome"] = [$"Unknown outcome. Use one of: {string.Join(", ", Enum.GetNames<CheckOutcome>().Select(JsonNamingPolicy.CamelCase.ConvertName))}."] });
            }

            parsedOutcome = o;
        }

        var page = await store.ListAsync(new CheckQuery(domain, parsedOutcome, skip, take), cancellationToken);
        var items = page.Items
            .Select(c => new CheckListItem(c.Id, PublicLinks.CheckPage(http.Request, c.Id), c.Domain, c.Mode, c.Status, c.Outcome, c.Summary, c.CreatedAt, c.FinishedAt) { Score = c.Score })
            .ToList();
        return TypedResults.Ok(new CheckListResponse(items, page.Total));
    }

    /// <summary>Most checks one <c>GET /api/checks</c> returns.</summary>
    public const int MaxListLimit = 500;

    private static int ParseQueryNumber(string? text, string name, int fallback, int max, Dictionary<string, string[]> errors, int min = 1)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[name] = [string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number from {min} to {max}.")];
            return fallback;
        }

        return value;
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        title: "There is no check with this id.",
        detail: $"No check '{(CheckId.IsValid(id) ? id : "(not an id)")}' is stored here. It may have been deleted after the retention period.",
        statusCode: StatusCodes.Status404NotFound);

    private static string RetryText(TimeSpan retryAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"Nothing was queued. Try again in {Safety.LimitText.Seconds(retryAfter)} seconds.");

    private static Dictionary<string, object?> RetryExtension(TimeSpan retryAfter) =>
        new(StringComparer.Ordinal) { ["retryAfterSeconds"] = Safety.LimitText.Seconds(retryAfter) };

    private static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>What a JSON value of the wrong type or an unknown name should have been, per field.</summary>
    internal static string InvalidValueMessage(string field) => field switch
    {
        "mode" => "This value is not valid here. Use \"send\", \"probe\", \"connect\" or \"receive\".",
        "tls" => "This value is not valid here. Use \"opportunistic\", \"required\", \"none\" or \"implicit\".",
        "scope" => "This value is not valid here. Use \"first\" (the first mail server that answers) or \"all\" (every address of every MX).",
        "port" => "This value is not valid here. Use a whole number: 25, 465 or 587.",
        "to" => "This value is not valid here. Use a list of addresses, e.g. [\"someone@example.com\"].",
        "auth" => "This value is not valid here. Use an object, e.g. {\"username\":\"...\",\"password\":\"...\"}.",
        _ => "This value is not valid here. Use a string.",
    };

    /// <summary>"$.from" -> "from", "$.to[1]" -> "to[1]", "$.auth.password" -> "auth.password"; null for the root.</summary>
    internal static string? FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
