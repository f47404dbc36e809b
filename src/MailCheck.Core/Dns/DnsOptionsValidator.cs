using Microsoft.Extensions.Options;

namespace MailCheck.Core.Dns;

/// <summary>Refuses nonsensical <see cref="DnsOptions"/> at start-up, naming the configuration key.</summary>
public sealed class DnsOptionsValidator : IValidateOptions<DnsOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsOptions options)
    {
        var errors = GetErrors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem in <paramref name="options"/>; empty when valid.</summary>
    public static IReadOnlyList<string> GetErrors(DnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = DnsOptions.SectionName;
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{s}:Timeout must be positive and at most 1 minute (got {options.Timeout}).");
        }

        if (options.Retries is < 0 or > 5)
        {
            errors.Add($"{s}:Retries must be between 0 and 5 (got {options.Retries}).");
        }

        if (options.MaxQueriesPerCheck is < 20 or > 1000)
        {
            errors.Add($"{s}:MaxQueriesPerCheck must be between 20 and 1000 (got {options.MaxQueriesPerCheck}).");
        }

        if (!DnssecResolver.TryParseTrust(options.TrustAuthenticatedData, out _))
        {
            errors.Add($"{s}:TrustAuthenticatedData must be auto, true or false (got '{options.TrustAuthenticatedData}').");
        }

        if (!DnssecResolver.IsValidProbeName(options.DnssecProbeName))
        {
            errors.Add($"{s}:DnssecProbeName must be a DNS name such as . or example.com (got '{options.DnssecProbeName}').");
        }

        var servers = options.Servers ?? [];
        for (var i = 0; i < servers.Count; i++)
        {
            // The resolver's own parser: what passes here is exactly what the resolver will use.
            if (!DnsServerEndpoint.TryParse(servers[i], out _, out var error))
            {
                errors.Add($"{s}:Servers:{i}: {error}");
            }
        }

        return errors;
    }
}
