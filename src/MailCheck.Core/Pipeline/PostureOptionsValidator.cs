using Microsoft.Extensions.Options;

namespace MailCheck.Core.Pipeline;

/// <summary>Refuses nonsensical <see cref="PostureOptions"/> at start-up, naming the configuration key.</summary>
public sealed class PostureOptionsValidator : IValidateOptions<PostureOptions>
{
    public ValidateOptionsResult Validate(string? name, PostureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(5)
            ? ValidateOptionsResult.Fail($"{PostureOptions.SectionName}:Timeout must be between 1 second and 5 minutes (got {options.Timeout}).")
            : ValidateOptionsResult.Success;
    }
}
