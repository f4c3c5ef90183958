import { defineErrors } from '../../../platform/errors.ts';

/** IPO offerings, lottery, abandoned subscriptions and risk disclosures (prefix IPO_). */
export const IpoErrors = defineErrors({
  IPO_OFFERING_NOT_FOUND: { status: 404, zh: '新股发行不存在', en: 'No such offering.' },
  IPO_OFFERING_EXISTS: { status: 409, zh: '该证券的新股发行已登记', en: 'An offering of this security is already registered.' },
  IPO_BOARD_NOT_SUBSCRIBABLE: { status: 400, zh: '该证券代码不属于可网上申购的板块', en: 'This security code is not on a board that takes online subscriptions.' },
  IPO_ALREADY_DRAWN: { status: 409, zh: '该新股已公布中签号码', en: 'The winning numbers of this offering have already been published.' },
  IPO_TAILS_INVALID: { status: 400, zh: '中签号码尾数格式不正确：{tail}', en: 'Not a valid winning tail: {tail}' },
});
