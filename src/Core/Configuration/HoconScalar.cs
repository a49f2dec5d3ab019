namespace MecActors.Core.Configuration;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the raw text (null for the <c>null</c> literal);
/// conversion to typed values happens in <see cref="Config"/>'s getters.
/// </summary>
public sealed record HoconScalar(string Origin, string? Text, bool Quoted) : HoconValue(Origin)
{
    public bool IsNull => Text is null;
}
