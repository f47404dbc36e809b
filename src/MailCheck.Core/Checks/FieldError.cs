namespace MailCheck.Core.Checks;

/// <summary>
/// One reason a request was refused. <see cref="Field"/> uses the API's JSON names:
/// <c>domain</c>, <c>from</c>, <c>to</c> (or <c>to[1]</c>), <c>subject</c>, <c>body</c>, <c>mode</c>, <c>port</c>,
/// <c>tls</c>, <c>ehloName</c>, <c>auth.username</c>, <c>auth.password</c>.
/// </summary>
public sealed record FieldError(string Field, string Message);
