namespace RetentionMetrics.Lifetime;

/// <summary>Central-difference Hessians and the inverse of a symmetric positive-definite matrix (Cholesky).</summary>
internal static class NumericalHessian
{
    /// <summary>The Hessian of <paramref name="f"/> at <paramref name="point"/>, or null when a value is not finite.</summary>
    /// <remarks>Diagonal: (f(x+h) − 2f(x) + f(x−h)) / h²; off-diagonal: (f(++) − f(+−) − f(−+) + f(−−)) / 4h².</remarks>
    public static double[,]? Compute(Func<double[], double> f, double[] point, double step)
    {
        var n = point.Length;
        var hessian = new double[n, n];
        var probe = (double[])point.Clone();
        var center = f(probe);
        if (!double.IsFinite(center))
        {
            return null;
        }

        double At(int i, double di, int j, double dj)
        {
            probe[i] += di;
            probe[j] += dj;
            var value = f(probe);
            probe[i] = point[i];
            probe[j] = point[j];
            return value;
        }

        for (var i = 0; i < n; i++)
        {
            var value = (At(i, step, i, 0) - 2 * center + At(i, -step, i, 0)) / (step * step);
            hessian[i, i] = value;
            for (var j = 0; j < i; j++)
            {
                var cross = (At(i, step, j, step) - At(i, step, j, -step) - At(i, -step, j, step) + At(i, -step, j, -step)) / (4 * step * step);
                hessian[i, j] = cross;
                hessian[j, i] = cross;
            }
        }

        foreach (var value in hessian)
        {
            if (!double.IsFinite(value))
            {
                return null;
            }
        }

        return hessian;
    }

    /// <summary>The inverse of a symmetric matrix by Cholesky, or null when it is not positive definite.</summary>
    public static double[,]? InvertPositiveDefinite(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        // Invert L, then A⁻¹ = L⁻ᵀ L⁻¹.
        var inverseLower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverseLower[i, i] = 1 / lower[i, i];
            for (var j = 0; j < i; j++)
            {
                var sum = 0d;
                for (var k = j; k < i; k++)
                {
                    sum -= lower[i, k] * inverseLower[k, j];
                }

                inverseLower[i, j] = sum / lower[i, i];
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0d;
                for (var k = Math.Max(i, j); k < n; k++)
                {
                    sum += inverseLower[k, i] * inverseLower[k, j];
                }

                inverse[i, j] = sum;
            }
        }

        return inverse;
    }
}
