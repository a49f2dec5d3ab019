namespace MecActors.Core.Configuration;

/// <summary>A node of a parsed HOCON document. <see cref="Origin"/> is "file.conf:LINE".</summary>
public abstract record HoconValue(string Origin);
