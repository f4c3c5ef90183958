/** The points of the 用户注销须知, shown before 提交注销申请 (keys of the profile namespace). */
export const NOTICE_KEYS = ['notice1', 'notice2', 'notice3', 'notice4'] as const;
