namespace MecActors.Core.Emulation;

/// <summary>
/// One stage of a traced task: the resource, when the task reached it (its data in, for a compute stage that also
/// waits for a model) and when it left it (done, or dropped at its deadline).
/// </summary>
public readonly record struct StageSpan(ResourceRef Resource, double Start, double End);
