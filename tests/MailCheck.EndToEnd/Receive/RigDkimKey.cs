namespace MailCheck.EndToEnd.Receive;

/// <summary>
/// A DKIM key made for the rig and used nowhere else: its public half is published at
/// rig2026._domainkey.sender.rig.test by the rig's dnsmasq (tests/rig/dnsmasq.conf.in, the receive zone). The end-to-end
/// tests sign with it as a sending domain would.
/// </summary>
internal static class RigDkimKey
{
    public const string Domain = "sender.rig.test";

    public const string Selector = "rig2026";

    public const string PrivateKeyPem = """
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDsPGx8n8EaLLoH
7a9RF0hm8VO+6Kfrz+OD23x90yIyjgujV3HsHZNyfY8ht7q+nJoApNPdBJzlxW7s
5E7kwwIPWRvWPdo2/AqDavvSW/iLnr5Y8fo0ucFDkI6v0EUlkFnyJ01cBUrWxxjS
f0DAsmUvI+ZUaXadDxqiyU2vE3sM6ASxkaROTBFBHbyVymv0QFwtZ3ZkhHOQdZHW
hr0jBy4HYcId3qCWug+9/hcag2gRoZahEcz1Pz9XO8Emk7ELqGTDwcfQ29nQDQo3
kkLM8V31rBWu0LsXGoA8o5mO5ws2Cbbdu3GWRijEJH7a+oQuIHFYrybgULJa3Ys0
4Me5ynyBAgMBAAECggEAFxyzEUV6WZQ5cx/tWhKo3u49xXZZQp61+w2IBX6Yxuqf
96mzfjVHWrLI3efUZmR6qkhCzhaiC9Zs5Ti4NNthu5ytNrqAbrnqUWcv65AoWSIw
knhbt7lAtkDrWAbmICgaR+QeeaIVUb2fqROrT+79xUa1RY1RfhY4z4DAXLoCloV6
G8MZrW52FPNqcfW5X+NkjIMfqf0rRegm7bEWLjHwGjDnGMf0u0oGfsX/CpTfcncZ
VerNLjssmGgRw/BXHbposh8/fQ5mYgn7QQqam21SSi8Ajnx7DVTKuwTfwnHASP+s
KapyzGUtgRkypmW5wH7/YuWHYVkRobgqaKWMWs0xvQKBgQD43Ad87pk8ZhgIo60L
0q/tgp3HddApyCACdXzvEGYCNrIsCCNTr5TDI1awBizkjr0w13j72eG7aim/IS2t
9QYU4A85ctARfn/CZPHWr7vNyiWsry0d1illO8I03vdd2BoA16m51c1OWfv0M0qd
3xX2SvsSyRdc6K0R92nNHln0BwKBgQDzA6uWKg5Qc4FW0H96LbgV8EPLjh76Hk+J
qvcj95YyC+mYhmjnYFT86T3J7hmRpdBe2P68q9g/fCn3AEaUbwarigqBa0g2qFZY
m13AVWWAieQxDuXCP74FbUGmEOOZKot5L7Q5PUZh26AE9ziwgMqOJH8uUbz0tn7a
GdwxOHK5NwKBgFGrxDlYBKoxx0lujegHaP1FlIpVO8+6gebMsAe1FgU79hVFRnK8
eNHh0x1JqYoI3kYdMPNWeiKLoM+9D8S7WReYwOZVq7tSDJO7lTKj0bqj0OFvTBsy
obs7dWzsj7oYpdAI9waqCAritTFbc+2DvS1rRiLQI/61zbbLv8k1YMgZAoGBAKjo
tCr7sFda8VtWMETL4lfdWEHz1rQivUYC/ySQwmSmwwaw5dlsq6XeuIPSaxNBHUPP
r7+T8gquUrzMBELHqOsyV3r9BoR3HQ0ZcGBu+s4NCf7PTANoKru65RZ4Rrn/SFJD
RhFC9diuvtq0u0JzQlbqJzwatCujbShLMTFE+vihAoGACjYaglJG60Ta9h2qG11W
cTamUR/3nc59Gt3Jazk5Lq4EzNZw9nYDPjRZCBZ9GDu+8kXgLS9OxGmDhabbGOWK
Kl5aCqHuTtVGY+xkOdz9ixsMQ7p3sL8eCNeHQBtCshAx4KLIZ+MkVwWqkmYX8gtt
fff1rxRVMXV0s9O49eusEgQ=
-----END PRIVATE KEY-----
""";
}
