/**
 * Normal distribution functions used to compute the answer key's exact probabilities. Accuracy is near double
 * precision (about 1e-15 for the univariate function, about 1e-14 for the bivariate one), far below any effect a
 * test or a model could see.
 */

// Numerical Recipes (3rd ed.) Chebyshev coefficients for erfc.
const ERFC_COEFFICIENTS = [
  -1.3026537197817094, 0.6419697923564902, 0.019476473204185836, -0.00956151478680863, -0.000946595344482036,
  0.000366839497852761, 0.000042523324806907, -0.000020278578112534, -0.000001624290004647, 0.00000130365583558,
  1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11,
  2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17,
  1.21e-16, -2.8e-17,
];

/** erfc(z) for z >= 0. */
function erfcNonNegative(z: number): number {
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COEFFICIENTS.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COEFFICIENTS[j]!;
    dd = tmp;
  }
  return t * Math.exp(-z * z + 0.5 * (ERFC_COEFFICIENTS[0]! + ty * d) - dd);
}

/** The standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = x / Math.SQRT2;
  return z < 0 ? 0.5 * erfcNonNegative(-z) : 1 - 0.5 * erfcNonNegative(z);
}

/** The standard normal density φ(x). */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation refined by one Halley step,
 * accurate to about 1e-15).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// Gauss-Legendre nodes and weights (half of each symmetric rule) for Genz's bivariate normal algorithm.
const GL_WEIGHTS = [
  [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
  [
    0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547,
    0.2491470458134029,
  ],
  [
    0.01761400713915212, 0.04060142980038694, 0.06267204833410905, 0.08327674157670475, 0.1019301198172404,
    0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259,
  ],
] as const;
const GL_NODES = [
  [0.9324695142031522, 0.6612093864662647, 0.238619186083197],
  [
    0.9815606342467191, 0.904117256370475, 0.769902674194305, 0.5873179542866171, 0.3678314989981802,
    0.1252334085114692,
  ],
  [
    0.9931285991850949, 0.9639719272779138, 0.912234428251326, 0.8391169718222188, 0.7463319064601508,
    0.636053680726515, 0.5108670019508271, 0.3737060887154196, 0.2277858511416451, 0.07652652113349732,
  ],
] as const;

/**
 * P(X > h, Y > k) for standard bivariate normal X, Y with correlation r (Genz 2004, after Drezner and Wesolowsky).
 */
export function bivariateNormalUpper(h: number, k: number, r: number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  const ar = Math.abs(r);
  const ng = ar < 0.3 ? 0 : ar < 0.75 ? 1 : 2;
  const w = GL_WEIGHTS[ng];
  const x = GL_NODES[ng];
  const lg = w.length;
  let hk = h * k;
  let bvn = 0;
  if (ar < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < lg; i++) {
      let sn = Math.sin((asr * (1 - x[i]!)) / 2);
      bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
      sn = Math.sin((asr * (1 + x[i]!)) / 2);
      bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    bvn = (bvn * asr) / (4 * Math.PI) + normalCdf(-h) * normalCdf(-k);
  } else {
    let kk = k;
    if (r < 0) {
      kk = -k;
      hk = -hk;
    }
    if (ar < 1) {
      const as = (1 - r) * (1 + r);
      let a = Math.sqrt(as);
      const bs = (h - kk) ** 2;
      const c = (4 - hk) / 8;
      const d = (12 - hk) / 16;
      let asr = -(bs / as + hk) / 2;
      if (asr > -100) bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
      if (hk > -100) {
        const b = Math.sqrt(bs);
        const sp = Math.sqrt(2 * Math.PI) * normalCdf(-b / a);
        bvn -= Math.exp(-hk / 2) * sp * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
      }
      a /= 2;
      for (let i = 0; i < lg; i++) {
        for (let is = -1; is <= 1; is += 2) {
          const xs = (a * (is * x[i]! + 1)) ** 2;
          const rs = Math.sqrt(1 - xs);
          asr = -(bs / xs + hk) / 2;
          if (asr > -100) {
            const sp = 1 + c * xs * (1 + d * xs);
            const ep = Math.exp((-hk * xs) / (2 * (1 + rs) ** 2)) / rs;
            bvn += a * w[i]! * Math.exp(asr) * (ep - sp);
          }
        }
      }
      bvn = -bvn / (2 * Math.PI);
    }
    if (r > 0) bvn += normalCdf(-Math.max(h, kk));
    else if (h >= kk) bvn = -bvn;
    else {
      const l = h < 0 ? normalCdf(kk) - normalCdf(h) : normalCdf(-h) - normalCdf(-kk);
      bvn = l - bvn;
    }
  }
  return Math.max(0, Math.min(1, bvn));
}
