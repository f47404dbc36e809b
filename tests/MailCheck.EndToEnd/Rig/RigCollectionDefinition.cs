namespace MailCheck.EndToEnd.Rig;

/// <summary>Every end-to-end test shares one rig fixture and runs one at a time (one slow server, one Maildir).</summary>
[CollectionDefinition(Name)]
public sealed class RigCollectionDefinition : ICollectionFixture<RigFixture>
{
    public const string Name = "rig";
}
