using Microsoft.Extensions.Options;

namespace MailCheck.Core.Net;

/// <summary>Refuses a nonsensical <see cref="ConnectionLimitOptions"/> at start-up, naming the key.</summary>
public sealed class ConnectionLimitOptionsValidator : IValidateOptions<ConnectionLimitOptions>
{
    public const int MaxPerRemoteAddress = 100;

    public ValidateOptionsResult Validate(string? name, ConnectionLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PerRemoteAddress is < 1 or > MaxPerRemoteAddress
            ? ValidateOptionsResult.Fail($"{ConnectionLimitOptions.SectionName}:PerRemoteAddress must be between 1 and {MaxPerRemoteAddress} (got {options.PerRemoteAddress}).")
            : ValidateOptionsResult.Success;
    }
}
