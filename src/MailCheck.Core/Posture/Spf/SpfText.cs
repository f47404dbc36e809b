namespace MailCheck.Core.Posture.Spf;

/// <summary>SPF words as RFC 7208 writes them.</summary>
public static class SpfText
{
    /// <summary>The result's name as in RFC 7208 §2.6 and Received-SPF (§9.1): <c>pass</c>, <c>softfail</c>, <c>permerror</c> …</summary>
    public static string Name(SpfResult result) => result switch
    {
        SpfResult.None => "none",
        SpfResult.Neutral => "neutral",
        SpfResult.Pass => "pass",
        SpfResult.Fail => "fail",
        SpfResult.SoftFail => "softfail",
        SpfResult.TempError => "temperror",
        SpfResult.PermError => "permerror",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not an SPF result."),
    };

    /// <summary>The qualifier's character: <c>+ - ~ ?</c>.</summary>
    public static char Symbol(SpfQualifier qualifier) => qualifier switch
    {
        SpfQualifier.Fail => '-',
        SpfQualifier.SoftFail => '~',
        SpfQualifier.Neutral => '?',
        _ => '+',
    };
}
