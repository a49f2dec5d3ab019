namespace MecActors.Policies.Orchestration;

/// <summary>A node's connection in paper 003's experiments (Table 5): regular, or weak (20 ms added to every outgoing packet).</summary>
public enum NetworkCondition
{
    Regular,
    Weak,
}
