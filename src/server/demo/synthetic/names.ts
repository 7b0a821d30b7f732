import type { Prng } from './prng.js';

/** Common surnames, weighted roughly by frequency (the most common first). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 53], ['陈', 46], ['杨', 34], ['黄', 25], ['赵', 21], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['林', 11], ['高', 11], ['罗', 10],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 5], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 5], ['杜', 5], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['沈', 4],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 3], ['付', 3], ['方', 3], ['白', 2], ['邹', 2], ['孟', 2],
];

const GIVEN_MALE = '伟强磊军勇杰涛明超刚平辉建国华峰斌波志鹏飞兵林宇浩亮俊文斌海东健春永成德庆兴旺福顺宏家振新'.split('');
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀燕玲桂英红梅兰凤琴云洁雪慧婷倩颖萍丹琳月莉玉珍翠春华欣悦晓'.split('');

export function personName(rng: Prng, gender: 'male' | 'female'): string {
  const surname = rng.weighted(SURNAMES);
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.75) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return surname + given;
}

/** A mobile number of a mainland operator's prefix. */
export function mobile(rng: Prng): string {
  const prefix = rng.pick(['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '177', '180', '181', '186', '187', '189', '199']);
  return prefix + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
