namespace MailCheck.Core.Checks;

/// <summary>What <see cref="CheckRequestValidator"/> decided.</summary>
/// <param name="Request">The normalised request (domain filled in), or null when invalid.</param>
/// <param name="Errors">Every problem found, each naming its field.</param>
public sealed record CheckValidationResult(CheckRequest? Request, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Request is not null;
}
