using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>Refuses nonsensical <see cref="MtaStsOptions"/> at start-up, naming the configuration key.</summary>
public sealed class MtaStsOptionsValidator : IValidateOptions<MtaStsOptions>
{
    public ValidateOptionsResult Validate(string? name, MtaStsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FetchTimeout < TimeSpan.FromSeconds(1) || options.FetchTimeout > TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Fail($"{MtaStsOptions.SectionName}:FetchTimeout must be between 1 second and 1 minute (got {options.FetchTimeout}).")
            : ValidateOptionsResult.Success;
    }
}
