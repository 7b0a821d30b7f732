import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkPassword, type PasswordProblem } from '../../domain/password-policy';

const RULES: { problem: PasswordProblem; key: string }[] = [
  { problem: 'too_short', key: 'password.policy.length' },
  { problem: 'too_few_kinds', key: 'password.policy.kinds' },
  { problem: 'contains_username', key: 'password.policy.username' },
];

/** The password rules (the server's own policy), each ticked as the typed password meets it. */
export function PasswordPolicy({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  const problems = new Set(checkPassword(password, { username }));
  return (
    <div className="password-policy" aria-live="polite">
      <Typography.Text strong>{t('password.policyTitle')}</Typography.Text>
      <ul>
        {RULES.map((rule) => {
          const met = password.length > 0 && !problems.has(rule.problem);
          return (
            <li key={rule.problem} className={met ? 'met' : undefined}>
              {met ? <CheckCircleFilled aria-hidden /> : <MinusCircleOutlined aria-hidden />}
              <span>{t(rule.key)}</span>
              <span className="visually-hidden">（{met ? t('password.met') : t('password.unmet')}）</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A form rule that runs the same policy in the browser before the server does. */
export function passwordRule(username: () => string, t: (key: string) => string) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      const problems = checkPassword(value ?? '', { username: username() });
      if (problems.length > 0) throw new Error(problems.map((p) => t(`fieldErrors.${p}`)).join('；'));
    },
  };
}
