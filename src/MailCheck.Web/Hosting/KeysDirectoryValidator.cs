using Microsoft.Extensions.Options;

namespace MailCheck.Web.Hosting;

/// <summary>Fails start-up, naming the key, when the data-protection key directory cannot be created or written.</summary>
public sealed class KeysDirectoryValidator(string keysPath) : IValidateOptions<MailCheckDataProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, MailCheckDataProtectionOptions options)
    {
        try
        {
            Directory.CreateDirectory(keysPath);
            var probe = Path.Combine(keysPath, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"{DataProtectionSetup.KeysKey}: cannot write to '{keysPath}' ({ex.Message}). "
                + "Point it at a writable directory; in the container, /data must be writable by the app user (uid 1654).");
        }
    }
}
