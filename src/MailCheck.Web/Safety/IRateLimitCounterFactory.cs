namespace MailCheck.Web.Safety;

/// <summary>Makes the counter of one limit (<c>client</c>, <c>domain</c>); registered only when counts are shared.</summary>
public interface IRateLimitCounterFactory
{
    IRateLimitCounter Create(string scope, WindowLimitOptions limit);
}
