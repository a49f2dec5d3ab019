using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// The actor loss with one advantage per (row, head): L = (1/B) sum_rows sum_heads [-A_rh log pi_h(a_h) - c H_h],
/// and its gradient with respect to the logits. Masked actions get zero gradient.
/// </summary>
internal sealed class FactoredPolicyGradient(CategoricalHeads heads)
{
    private Matrix<double>? _logProbabilities;

    public (double Loss, double Entropy) Compute(
        Matrix<double> logits, ActionMask mask, int[,] actions, Matrix<double> advantages, double entropyCoefficient, Matrix<double> gradLogits)
    {
        var rows = logits.RowCount;
        if (_logProbabilities is null || _logProbabilities.RowCount != rows)
        {
            _logProbabilities = Matrix<double>.Build.Dense(rows, heads.TotalActions);
        }

        heads.LogProbabilities(logits, mask, _logProbabilities);
        var scale = 1.0 / rows;
        double loss = 0, entropySum = 0;
        gradLogits.Clear();
        for (var r = 0; r < rows; r++)
        {
            for (var h = 0; h < heads.HeadCount; h++)
            {
                var offset = heads.Offset(h);
                var k = heads.ActionCount(h);
                var entropy = 0.0;
                for (var a = 0; a < k; a++)
                {
                    var lp = _logProbabilities[r, offset + a];
                    if (!double.IsNegativeInfinity(lp))
                    {
                        entropy -= Math.Exp(lp) * lp;
                    }
                }

                var chosen = actions[r, h];
                var advantage = advantages[r, h];
                loss += -advantage * _logProbabilities[r, offset + chosen] - entropyCoefficient * entropy;
                entropySum += entropy;
                for (var a = 0; a < k; a++)
                {
                    var lp = _logProbabilities[r, offset + a];
                    if (double.IsNegativeInfinity(lp))
                    {
                        continue;
                    }

                    var p = Math.Exp(lp);
                    gradLogits[r, offset + a] = scale * (advantage * (p - (a == chosen ? 1.0 : 0.0)) + entropyCoefficient * p * (lp + entropy));
                }
            }
        }

        return (scale * loss, scale * entropySum);
    }
}
