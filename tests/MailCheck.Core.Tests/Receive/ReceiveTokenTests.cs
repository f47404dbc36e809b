using MailCheck.Core.Receive;

namespace MailCheck.Core.Tests.Receive;

public sealed class ReceiveTokenTests
{
    [Fact]
    public void New_Always_26LowerCaseBase32CharactersThatParseBack()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ReceiveToken.New()).ToList();

        Assert.All(tokens, t =>
        {
            Assert.Equal(26, t.Length);
            Assert.Matches("^[a-z2-7]{26}$", t);
            Assert.True(ReceiveToken.TryParse(t, out var parsed));
            Assert.Equal(t, parsed);
        });
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Encode_SixteenBytes_Rfc4648Base32WithoutPadding()
    {
        // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======".
        Assert.Equal("mzxw6ytboi", ReceiveToken.Encode("foobar"u8));
        Assert.Equal(ReceiveToken.Length, ReceiveToken.Encode(new byte[16]).Length);
    }

    [Fact]
    public void TryParse_UpperCase_ReadAsLowerCase()
    {
        var token = ReceiveToken.New();

        Assert.True(ReceiveToken.TryParse(token.ToUpperInvariant(), out var parsed));
        Assert.Equal(token, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("postmaster")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaa1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaab")]
    [InlineData("aaaaaaaaaaaaa.aaaaaaaaaaaa")]
    public void TryParse_NotAToken_False(string localPart) => Assert.False(ReceiveToken.TryParse(localPart, out _));

    [Fact]
    public void Address_TokenAndDomain_LowerCaseWithoutTrailingDot() =>
        Assert.Equal("abc@receive.example", ReceiveToken.Address("abc", "Receive.Example."));
}
