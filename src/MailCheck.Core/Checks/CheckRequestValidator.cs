namespace MailCheck.Core.Checks;

/// <summary>
/// Validates and normalises a <see cref="CheckRequest"/>. Nothing is sent for a refused request.
/// </summary>
public static class CheckRequestValidator
{
    public const int MaxAddressLength = 254;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxEhloNameLength = 253;
    public const int MaxRecipients = 5;
    public const int MaxCredentialLength = 256;

    public static CheckValidationResult Validate(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Filled in by the validation work; until then only the shape is checked.
        var errors = new List<FieldError>();
        if (request.Recipients.Count is < 1 or > MaxRecipients)
        {
            errors.Add(new FieldError("to", $"Give between 1 and {MaxRecipients} recipients."));
        }

        var domain = request.Domain;
        if (string.IsNullOrWhiteSpace(domain) && request.Recipients.Count > 0)
        {
            var at = request.Recipients[0].LastIndexOf('@');
            domain = at >= 0 ? request.Recipients[0][(at + 1)..] : null;
        }

        if (string.IsNullOrWhiteSpace(domain))
        {
            errors.Add(new FieldError("domain", "Give a domain or a recipient address."));
        }

        return errors.Count == 0
            ? new CheckValidationResult(request with { Domain = domain!.Trim().TrimEnd('.').ToLowerInvariant() }, errors)
            : new CheckValidationResult(null, errors);
    }
}
