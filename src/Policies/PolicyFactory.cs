using MecActors.Core.Decisions;

namespace MecActors.Policies;

/// <summary>Creates the policy set registered as <paramref name="name"/> for a system, its random streams drawn from <paramref name="seed"/>.</summary>
public delegate PolicySet PolicyFactory(string name, SystemView system, int seed);
