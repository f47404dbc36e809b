using Microsoft.Extensions.Options;

namespace MailCheck.Web.Scale;

/// <summary>Start-up validation of <c>MailCheck:Scale</c>: a lease must survive at least two missed heartbeats.</summary>
public sealed class ScaleOptionsValidator : IValidateOptions<ScaleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.InstanceId is { } id && (id.Length is 0 or > 100 || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == ':')))
        {
            failures.Add($"{ScaleOptions.SectionName}:InstanceId must be 1 to 100 characters without spaces, control characters or ':'.");
        }

        if (options.Heartbeat < TimeSpan.FromMilliseconds(100) || options.Heartbeat > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{ScaleOptions.SectionName}:Heartbeat must be between 00:00:00.1 and 00:01:00.");
        }

        if (options.Lease < options.Heartbeat * 3 || options.Lease > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{ScaleOptions.SectionName}:Lease must be at least three heartbeats ({options.Heartbeat * 3:c}) and at most 00:10:00.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ScaleOptions.SectionName}:PollInterval must be between 00:00:00.1 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
