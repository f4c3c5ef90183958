import { useQueryClient } from '@tanstack/react-query';
import { signedIn } from '../../api/session.ts';
import { useCaptchaSubmit } from '../../ui/hooks/use-captcha-submit.ts';
import { login } from './api.ts';

export interface LoginValues {
  account: string;
  password: string;
  captchaAnswer: string;
}

/** 登录, desktop and mobile alike: account, password and captcha; the session then shows the investor (the guest-only page moves on). */
export function useLogin(form: { setFieldsValue(values: { captchaAnswer: string }): void }) {
  const queryClient = useQueryClient();
  return useCaptchaSubmit<LoginValues>(form, async (values, proof) => {
    const { principal } = await login({ account: values.account.trim(), password: values.password, ...proof });
    void signedIn(queryClient, principal);
  });
}
