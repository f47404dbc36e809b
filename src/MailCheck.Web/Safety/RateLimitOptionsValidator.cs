using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>Start-up validation of <c>MailCheck:Limits:PerClient</c> and <c>MailCheck:Limits:PerDomain</c>.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.PerClient, "PerClient", failures);
        Check(options.PerDomain, "PerDomain", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(WindowLimitOptions? limit, string name, List<string> failures)
    {
        if (limit is null)
        {
            failures.Add($"{RateLimitOptions.SectionName}:{name} is missing.");
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{RateLimitOptions.SectionName}:{name}: {r.ErrorMessage}"));
        }
    }
}
