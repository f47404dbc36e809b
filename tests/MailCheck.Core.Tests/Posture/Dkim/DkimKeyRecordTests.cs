using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Tests.Posture.Dkim;

public class DkimKeyRecordTests
{
    [Fact]
    public void Parse_EveryTag_ReadsEach()
    {
        var record = DkimKeyRecord.Parse("v=DKIM1; h=sha256; k=ed25519; n=rotated 2026; p=AbC=; s=email; t=y:s");

        Assert.True(record.IsKeyRecord);
        Assert.Equal("DKIM1", record.Version);
        Assert.Equal(["sha256"], record.HashAlgorithms);
        Assert.Equal("ed25519", record.KeyType);
        Assert.Equal("rotated 2026", record.Notes);
        Assert.Equal("AbC=", record.PublicKey);
        Assert.Equal(["email"], record.ServiceTypes);
        Assert.True(record.Testing);
        Assert.True(record.StrictIdentity);
        Assert.True(record.ForEmail);
    }

    [Fact]
    public void Parse_OnlyAKey_Defaults()
    {
        var record = DkimKeyRecord.Parse("p=AAAA");

        Assert.True(record.IsKeyRecord);
        Assert.Equal("rsa", record.KeyType);
        Assert.Null(record.HashAlgorithms);
        Assert.Equal(["*"], record.ServiceTypes);
        Assert.Empty(record.Flags);
        Assert.False(record.Revoked);
    }

    [Fact]
    public void Parse_EmptyKey_Revoked()
    {
        Assert.True(DkimKeyRecord.Parse("v=DKIM1; p=").Revoked);
    }

    [Fact]
    public void Parse_KeyWithSpaces_SpacesRemoved()
    {
        Assert.Equal("MIIBIjANBg", DkimKeyRecord.Parse("v=DKIM1; p=MIIB IjAN\tBg").PublicKey);
    }

    [Theory]
    [InlineData("v=DKIM2; p=AAAA", "DKIM1")]
    [InlineData("v=spf1 -all", "DKIM1")]
    [InlineData("google-site-verification=abc", "neither v=DKIM1 nor a p= key")]
    public void Parse_NotAKeyRecord_SaysWhy(string text, string reason)
    {
        var record = DkimKeyRecord.Parse(text);

        Assert.False(record.IsKeyRecord);
        Assert.Contains(reason, record.NotKeyReason, StringComparison.Ordinal);
        Assert.Contains("RFC 6376 §3.6.1", record.NotKeyReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VersionNotFirst_Flagged()
    {
        Assert.True(DkimKeyRecord.Parse("k=rsa; v=DKIM1; p=AAAA").VersionNotFirst);
    }

    [Fact]
    public void Parse_UpperCaseTagName_NotTheKeyTag()
    {
        // RFC 6376 §3.2: tag names are case-sensitive.
        var record = DkimKeyRecord.Parse("v=DKIM1; P=AAAA");

        Assert.True(record.IsKeyRecord);
        Assert.False(record.HasPublicKey);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(2048)]
    public void Inspect_RsaSubjectPublicKeyInfo_MeasuresTheModulus(int bits)
    {
        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse(DkimTestKeys.Record(DkimTestKeys.Rsa(bits))));

        Assert.True(key.IsUsable, key.Problem);
        Assert.Equal(bits, key.Bits);
        Assert.Equal("SubjectPublicKeyInfo", key.Encoding);
    }

    [Fact]
    public void Inspect_RsaPkcs1_ReadAndMarked()
    {
        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse(DkimTestKeys.Record(DkimTestKeys.RsaPkcs1(2048))));

        Assert.Equal(2048, key.Bits);
        Assert.Equal("RSAPublicKey", key.Encoding);
    }

    [Fact]
    public void Inspect_Ed25519RawKey_256Bits()
    {
        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse($"v=DKIM1; k=ed25519; p={DkimTestKeys.Ed25519()}"));

        Assert.True(key.IsUsable, key.Problem);
        Assert.Equal(("ed25519", 256), (key.Algorithm, key.Bits));
    }

    [Fact]
    public void Inspect_Ed25519WrongLength_Problem()
    {
        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse($"v=DKIM1; k=ed25519; p={Convert.ToBase64String(new byte[31])}"));

        Assert.Contains("32 bytes (RFC 8463 §4.2), and p= holds 31", key.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Ed25519WrappedInSubjectPublicKeyInfo_ProblemSaysSo()
    {
        var spki = Convert.FromHexString("302a300506032b6570032100").Concat(new byte[32]).ToArray();

        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse($"v=DKIM1; k=ed25519; p={Convert.ToBase64String(spki)}"));

        Assert.Contains("SubjectPublicKeyInfo", key.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EcdsaKeyAsRsa_ProblemNamesTheAlgorithm()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse(DkimTestKeys.Record(Convert.ToBase64String(ec.ExportSubjectPublicKeyInfo()))));

        Assert.Contains("elliptic-curve", key.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=DKIM1; p=!!notbase64!!", "not valid base64")]
    [InlineData("v=DKIM1; p=AAAAAAAA", "not to an RSA public key")]
    [InlineData("v=DKIM1; k=dsa; p=AAAA", "k=dsa is not a key type")]
    public void Inspect_Unusable_ClearProblem(string text, string problem)
    {
        var key = DkimKeyInspector.Inspect(DkimKeyRecord.Parse(text));

        Assert.False(key.IsUsable);
        Assert.Contains(problem, key.Problem, StringComparison.Ordinal);
    }
}
