namespace MailCheck.ScaleOut.Rig;

/// <summary>Every scale-out test shares the two instances and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleRigDefinition : ICollectionFixture<ScaleFixture>
{
    public const string Name = "scale";
}
