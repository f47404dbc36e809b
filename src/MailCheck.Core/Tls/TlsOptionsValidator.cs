using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tls;

/// <summary>
/// Refuses an unusable <see cref="TlsOptions.ExtraTrustedCaFile"/> at start-up, naming the key: a file that cannot be
/// read, PEM without a certificate, a certificate that cannot be parsed, or no self-signed CA certificate to trust.
/// </summary>
public sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ExtraTrustedCaFile))
        {
            return ValidateOptionsResult.Success;
        }

        return CaBundle.TryLoad(options.ExtraTrustedCaFile, out var bundle, out var error)
            ? Dispose(bundle!)
            : ValidateOptionsResult.Fail($"{TlsOptions.SectionName}:ExtraTrustedCaFile: {error}");
    }

    private static ValidateOptionsResult Dispose(CaBundle bundle)
    {
        bundle.Dispose();
        return ValidateOptionsResult.Success;
    }
}
