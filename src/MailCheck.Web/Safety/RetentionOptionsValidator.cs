using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>Start-up validation of <c>MailCheck:Retention</c> and <c>MailCheck:RetentionSweepInterval</c>.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <summary>Shortest retention: a check (at most a few minutes) must never be deleted while it runs.</summary>
    public static TimeSpan MinimumRetention { get; } = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Retention != TimeSpan.Zero && options.Retention < MinimumRetention)
        {
            failures.Add($"MailCheck:Retention must be at least {MinimumRetention:c}, or 00:00:00 to keep checks forever.");
        }

        if (options.RetentionSweepInterval < TimeSpan.FromSeconds(1) || options.RetentionSweepInterval > TimeSpan.FromDays(1))
        {
            failures.Add("MailCheck:RetentionSweepInterval must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
